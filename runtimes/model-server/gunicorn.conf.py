"""gunicorn settings for Berth's model server (berth_model_server:app)."""

import importlib.util
import os
import sys

# The server module sits beside this file (/opt/berth in the image); the working directory is the
# writable /home/datascience, which is not where it lives.
pythonpath = os.path.dirname(os.path.abspath(__file__))


def worker_count(env):
    """WEB_CONCURRENCY when set (OCI lets users override it), else two model copies per OCPU, as OCI
    model deployments load them. BERTH_OCPUS is the shape's OCPU count (default 1)."""
    explicit = env.get("WEB_CONCURRENCY", "").strip()
    if explicit:
        try:
            return max(1, int(explicit))
        except ValueError:
            print(f"Ignoring WEB_CONCURRENCY={explicit!r}: not an integer", file=sys.stderr)
    try:
        ocpus = float(env.get("BERTH_OCPUS", "1") or "1")
    except ValueError:
        print(f"Ignoring BERTH_OCPUS={env.get('BERTH_OCPUS')!r}: not a number", file=sys.stderr)
        ocpus = 1.0
    return max(1, int(round(2 * ocpus)))


UVICORN_WORKER = "berth_uvicorn.BerthUvicornWorker"


def worker_class_for(env, has_module=lambda name: importlib.util.find_spec(name) is not None):
    """uvicorn's worker (httptools and uvloop: HTTP parsed in C) when the image has the three, else
    gunicorn's gthread. Both serve one request at a time per model copy and keep the gateway's
    connections alive; uvicorn's costs less per request (README, Benchmarks: model-server-bench).
    BERTH_MODEL_SERVER_WORKER=gthread (or uvicorn) chooses one."""
    wanted = env.get("BERTH_MODEL_SERVER_WORKER", "").strip().lower()
    if wanted not in ("", "uvicorn", "gthread"):
        print(f"Ignoring BERTH_MODEL_SERVER_WORKER={wanted!r}: uvicorn or gthread", file=sys.stderr)
        wanted = ""
    has_uvicorn = all(has_module(name) for name in ("uvicorn", "uvloop", "httptools"))
    if wanted == "gthread" or not has_uvicorn:
        if wanted == "uvicorn":
            print("BERTH_MODEL_SERVER_WORKER=uvicorn, but this image lacks uvicorn, uvloop or httptools: gthread serves", file=sys.stderr)
        return "gthread"
    return UVICORN_WORKER


bind = "0.0.0.0:8080"
workers = worker_count(os.environ)
worker_class = worker_class_for(os.environ)
# gthread with one thread: still one request at a time per model copy, but connections are kept
# alive for the gateway, and the heartbeat keeps beating while a long predict runs.
threads = 1
keepalive = 30
timeout = 60
# The gateway records access; the server's own log is for load and predict errors.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("BERTH_LOG_LEVEL", "info").lower()
# Heartbeat files on tmpfs: on the container's overlay filesystem a stalled write can get a busy
# worker killed.
worker_tmp_dir = "/dev/shm"


def post_worker_init(worker):
    # Each worker is one copy of the model: it loads in the worker, after the fork.
    worker.wsgi.start_loading()
