"""The web channel: POST /v1/ask (and its event stream), feedback, and the embeddable widget."""
