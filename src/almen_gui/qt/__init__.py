"""The Qt views: application set-up, main window, kommune list, stats panel, charts."""
