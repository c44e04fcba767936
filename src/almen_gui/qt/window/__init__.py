"""The main window and the parts it is assembled from: menus, kommune list, heading and the topics with their cards."""
