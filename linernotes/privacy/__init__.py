"""What readers can see, export and erase of their own data, and how long it is kept."""
