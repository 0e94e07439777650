from wagtail import hooks

from .audit import LOG_ACTIONS


@hooks.register("register_log_actions")
def register_audit_log_actions(actions):
    for code, formatter in LOG_ACTIONS.items():
        actions.register_action(code)(formatter)
