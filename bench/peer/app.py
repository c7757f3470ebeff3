"""The peer: the stack AWS's bring-your-own-container samples use (Flask behind gunicorn), serving the
same linear model (container/model/model.json) and the same response shape as the container, with
the deployment's tags cached in memory (read once at start from PEER_TAGS_FILE, never refreshed: the
best case for the peer). Bench code: `gunicorn -w N -b 127.0.0.1:PORT --chdir bench/peer app:app`.
"""
import json
import os
import time
from datetime import datetime, timezone

from flask import Flask, Response, request

with open(os.path.join(os.environ.get("SM_MODEL_DIR", "/opt/ml/model"), "model.json")) as f:
    MODEL = json.load(f)
with open(os.environ["PEER_TAGS_FILE"]) as f:
    TAGS = json.load(f)
LOADED_AT = time.time()
LOADED_AT_ISO = datetime.fromtimestamp(LOADED_AT, timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")
ENDPOINT_NAME = os.environ.get("SAGEMAKER_ENDPOINT_NAME")
ATTRIBUTES = "X-Amzn-SageMaker-Custom-Attributes"

app = Flask(__name__)


@app.get("/ping")
def ping():
    return Response('{"status":"healthy"}', status=200, mimetype="application/json")


@app.post("/invocations")
def invocations():
    body = request.get_json(force=True)
    instances = body["instances"]
    weights, bias = MODEL["weights"], MODEL["bias"]
    predictions = [bias + sum(w * x for w, x in zip(weights, row)) for row in instances]
    raw = request.headers.get(ATTRIBUTES)
    custom = None
    if raw:
        pairs = [part.split("=", 1) for part in raw.split(";") if part.strip()]
        custom = {"raw": raw, "attributes": {k.strip(): v.strip() for k, v in pairs}}
    answer = {
        "predictions": predictions,
        "deployment": {
            "endpointName": ENDPOINT_NAME,
            "tags": TAGS,
            "tagsStatus": "fresh",
            "tagsLoadedAt": LOADED_AT_ISO,
            "tagsAgeSeconds": time.time() - LOADED_AT,
        },
        "customAttributes": custom,
        "inferenceId": request.headers.get("X-Amzn-SageMaker-Inference-Id"),
    }
    headers = {ATTRIBUTES: raw} if raw else {}
    return Response(json.dumps(answer), status=200, mimetype="application/json", headers=headers)
