# Two stages: build a wheel with its dependencies, then a slim runtime without compilers or caches.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY cogs ./cogs
RUN pip wheel --no-cache-dir --wheel-dir /wheels .

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    BRIEFBOT_SEEDS_DIR=/app/seeds BRIEFBOT_CURATED_DIR=/app/curated BRIEFBOT_DATA_DIR=/data
RUN useradd --create-home --uid 10001 briefbot && mkdir -p /data && chown briefbot /data
COPY --from=build /wheels /wheels
RUN pip install --no-cache-dir /wheels/*.whl && rm -rf /wheels
WORKDIR /app
# Curated inputs are read-only in the image; the compiled fact base and runtime state live on the volume.
COPY seeds ./seeds
COPY data/entities ./curated/entities
COPY data/facts ./curated/facts
COPY data/thesaurus*.yaml ./curated/
USER briefbot
VOLUME ["/data"]
# The token comes from the environment (docker run -e DISCORD_TOKEN=… or --env-file .env), never the image.
CMD ["python", "-m", "bot", "run"]
