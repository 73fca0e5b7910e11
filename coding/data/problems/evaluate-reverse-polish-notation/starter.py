def eval_rpn(tokens: list[str]) -> int:
    pass
