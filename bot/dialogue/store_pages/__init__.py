"""Store questions the store's settings and pages answer by rule: contact, shipping and delivery,
payments, return conditions, warranty coverage, terms of purchase, service prices, size advice.
"""
