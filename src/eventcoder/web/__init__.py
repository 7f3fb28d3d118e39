"""The web pages' templates, static assets (served by the app itself) and server-side SVG charts."""
