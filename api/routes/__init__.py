"""Routes of the service as a whole (documents, sources, health, metrics); api.app includes them.

The routes of each channel (asking on the web, webhooks) live in api/channels/<channel>/routes.py.
"""
