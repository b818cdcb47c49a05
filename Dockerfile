# evidence on port 8000, with the library (SQLite by default) in the /data volume.
FROM python:3.11-slim

ENV UV_LINK_MODE=copy \
    UV_COMPILE_BYTECODE=1 \
    EVIDENCE_DATA_DIR=/data \
    PYTHONUNBUFFERED=1

RUN pip install --no-cache-dir uv

WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --locked --no-dev --no-install-project
COPY evidence ./evidence
COPY exports ./exports
COPY templates ./templates
COPY static ./static
COPY alembic.ini ./
RUN uv sync --locked --no-dev

VOLUME ["/data"]
EXPOSE 8000
CMD ["uv", "run", "--no-dev", "evidence", "serve", "--host", "0.0.0.0", "--port", "8000"]
