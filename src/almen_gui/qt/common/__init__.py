"""What every part of the interface shares: the state, settings, theme, plotting basics and small widgets."""
