"""What a pipeline adds to a run: waivers, the baseline ratchet and the exit policy."""
