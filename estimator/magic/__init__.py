"""Magic-state sources: distillation factories and cultivation."""
