"""Store operations for the store's staff: product-copy drafts and review sentiment.

Offered to the agent panel through `DialogueService` verbs (`draft_product_copy`,
`review_sentiment`), like everything else the edges use.
"""
