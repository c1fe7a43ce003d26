//! What is sensitive on the foreground screen.
