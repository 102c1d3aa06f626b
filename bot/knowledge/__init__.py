"""Fact base: YAML files under knowledge/, their schema check and typed model."""
