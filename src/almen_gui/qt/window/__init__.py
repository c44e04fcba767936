"""The main window and the parts it is assembled from: menus, kommune list and stats panel."""
