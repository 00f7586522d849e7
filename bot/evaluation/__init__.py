"""The question benchmark: research questions written from the sources, asked of the system that answers
questions, scored by whether an expected fact is shown first (or among the first three) and by whether the
questions the sources do not answer are told so."""
