"""The Qt interface, in rooms by job: start, window, kiosk, export, charts, map, loading and common."""
