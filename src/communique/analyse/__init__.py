"""Analyses over linked events: timelines between two actors, the actor network, and alerts
(surges, co-presence, reciprocity gaps, triangles), each listing the events and sentences behind it."""
