"""Reads a JSON list of [operation, params] pairs on stdin and prints, for each, botocore's verdict:
the report of its ParamValidator (what AWS's Python SDK checks before sending), or null when it would
send the request. The independent reference for test/validation.test.ts."""
import json
import sys

import botocore.session
from botocore.validate import ParamValidator

model = botocore.session.get_session().get_service_model('secretsmanager')
validator = ParamValidator()
verdicts = []
for operation, params in json.load(sys.stdin):
    report = validator.validate(params, model.operation_model(operation).input_shape)
    verdicts.append(report.generate_report() if report.has_errors() else None)
json.dump(verdicts, sys.stdout)
