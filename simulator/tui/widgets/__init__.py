"""Small widgets of the practice app."""
