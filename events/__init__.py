"""The domain: what can happen to a council's children's services. No I/O."""
