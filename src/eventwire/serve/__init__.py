"""Serving: the HTTP API and the web dashboard, thin views over the store and the corpus layer.

Empty until the serving issue lands; nothing in the package imports it yet.
"""
