"""Quantum oracle sketching as Qualtran Bloqs."""
