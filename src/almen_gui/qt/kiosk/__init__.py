"""The kiosk: a full-screen, unattended, touch-only presentation of the kommuner's figures."""
