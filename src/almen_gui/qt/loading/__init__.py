"""Loaders that read datasets, boundaries and Danmarks Statistik's figures and set them on the state."""
