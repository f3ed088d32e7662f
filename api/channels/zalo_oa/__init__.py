"""Zalo Official Account (OA API v3): POST /zalo/oa/webhook and customer-service messages."""
