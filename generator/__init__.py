"""Turns the FAQ's content YAML into an MkDocs site: an MkDocs plugin and the modules it wires."""
