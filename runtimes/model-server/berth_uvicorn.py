"""gunicorn's worker for Berth's model server when the image has uvicorn, uvloop and httptools
(Debian's packages): gunicorn keeps the master (WEB_CONCURRENCY copies, a dead worker replaced,
post_worker_init loading the model), uvicorn parses HTTP in C (httptools) on uvloop.

gunicorn.conf.py picks it; BERTH_MODEL_SERVER_WORKER=gthread goes back to gunicorn's own worker.
"""

import threading
import time

from uvicorn.workers import UvicornWorker

from berth_asgi import AsgiApp


class BerthUvicornWorker(UvicornWorker):
    CONFIG_KWARGS = {
        "loop": "uvloop",
        "http": "httptools",
        "interface": "asgi3",
        "lifespan": "off",
        # The gateway records access and sends its own Date; the server's name is nobody's business.
        "access_log": False,
        "server_header": False,
        "date_header": False,
    }

    def load_wsgi(self):
        super().load_wsgi()
        self.wsgi = AsgiApp(self.wsgi)

    def run(self):
        # uvicorn beats from its event loop, which a long predict holds (predict runs inline): this
        # thread keeps the worker alive meanwhile, as gthread's main thread did.
        threading.Thread(target=self._heartbeat, name="berth-heartbeat", daemon=True).start()
        super().run()

    def _heartbeat(self):
        # A beat every half of gunicorn's check interval, for as long as the process lives.
        while True:
            self.notify()
            time.sleep(max(1.0, self.timeout / 2))
