"""Starting the app: the QApplication, start-up checks, one instance per user, and the kiosk or the window."""
