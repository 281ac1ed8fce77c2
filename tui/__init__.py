"""The Textual workbench. Screens and widgets only: all data goes through the `corpus` domain."""
