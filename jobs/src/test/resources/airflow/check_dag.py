"""Loads deploy/airflow/teleport4j_dag.py without Airflow (not installed here): the few Airflow names it imports
are replaced by recording stand-ins, so the DAG's own code runs for real. Prints JSON for AirflowDagTest:
each task's arguments (train, sweep) with Jinja templates rendered as Airflow would for a given date (Variables at
their defaults), the DAG's default_args, and what each task's operator does with each spark-submit exit code.

usage: python3 check_dag.py DAG_FILE DS_NODASH
"""
import importlib.util
import json
import re
import sys
import types


class AirflowException(Exception):
    pass


class AirflowFailException(AirflowException):
    pass


class DAG:
    def __init__(self, dag_id, **kwargs):
        self.dag_id = dag_id
        self.kwargs = kwargs
        self.tasks = []

    def __enter__(self):
        DAG.current = self
        return self

    def __exit__(self, *exc):
        DAG.current = None


class SparkSubmitOperator:
    """Records its arguments; execute() fails like SparkSubmitHook.submit when the exit code is not 0."""
    exit_code = 0

    def __init__(self, task_id, **kwargs):
        self.task_id = task_id
        self.kwargs = kwargs
        DAG.current.tasks.append(self)

    def execute(self, context):
        if SparkSubmitOperator.exit_code:
            raise AirflowException(f"Cannot execute: spark-submit ... . Error code is: {SparkSubmitOperator.exit_code}.")


def module(name, **attrs):
    m = types.ModuleType(name)
    m.__dict__.update(attrs)
    sys.modules[name] = m


module("airflow", DAG=DAG)
module("airflow.exceptions", AirflowException=AirflowException, AirflowFailException=AirflowFailException)
module("airflow.providers")
module("airflow.providers.apache")
module("airflow.providers.apache.spark")
module("airflow.providers.apache.spark.operators")
module("airflow.providers.apache.spark.operators.spark_submit", SparkSubmitOperator=SparkSubmitOperator)


def render(value, ds_nodash):
    """The two kinds of template the DAG uses: {{ ds_nodash }} and {{ var.value.get('name', 'default') }}."""
    if isinstance(value, str):
        value = re.sub(r"\{\{\s*ds_nodash\s*\}\}", ds_nodash, value)
        value = re.sub(r"\{\{\s*var\.value\.get\('[^']*',\s*'([^']*)'\)\s*\}\}", r"\1", value)
        if "{{" in value:
            raise ValueError("template this check cannot render: " + value)
        return value
    if isinstance(value, list):
        return [render(v, ds_nodash) for v in value]
    if isinstance(value, dict):
        return {k: render(v, ds_nodash) for k, v in value.items()}
    return value


def outcome(task, code):
    SparkSubmitOperator.exit_code = code
    try:
        task.execute({})
        return "success"
    except AirflowFailException:
        return "fail-without-retry"
    except AirflowException:
        return "retry"


dag_file, ds_nodash = sys.argv[1], sys.argv[2]
spec = importlib.util.spec_from_file_location("teleport4j_dag", dag_file)
dag_module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(dag_module)
dag = dag_module.dag
tasks = {t.task_id: t for t in dag.tasks}
report = {
    "dag_id": dag.dag_id,
    "tasks": sorted(tasks),
    "retries": dag.kwargs["default_args"]["retries"],
    "outcomes": {str(code): outcome(tasks["train"], code) for code in (0, 1, 2, 3, 4, 137)},
    "task_outcomes": {tid: {str(code): outcome(t, code) for code in (0, 1, 2, 3, 4, 137)} for tid, t in tasks.items()},
}
for tid, t in tasks.items():
    report[tid] = {k: render(v, ds_nodash) for k, v in t.kwargs.items() if isinstance(v, (str, list, dict, int, bool))}
print(json.dumps(report))
