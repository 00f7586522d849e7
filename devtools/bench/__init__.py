"""Benchmarks of the real bot through discord.py and the local Discord stand-in (run from the checkout's root):

python -m devtools.bench.interactions    per-command latency, gateway dispatch to first callback
python -m devtools.bench.looplag         event-loop lag while 200 interactions arrive at once (`briefbot bench`'s
                                         burst)
python -m devtools.bench.delivery 1000   digest delivery capacity against per-channel rate limits
"""
