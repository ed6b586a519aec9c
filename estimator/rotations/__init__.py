"""Rotation schemes: how an architecture executes an arbitrary-angle rotation."""
