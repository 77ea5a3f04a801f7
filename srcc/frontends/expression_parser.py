"""Expression text → syntax tree, with no recursion on the expression's size or depth.

A regular-expression tokenizer and an operator-precedence (shunting-yard) parser whose
stacks are lists: a 10,000-term sum or 2000 nested parentheses cost heap, not Python frames.

The language is Python's arithmetic, as PySR and sympy print it: numbers (`2`, `0.5`,
`1e-3`, `1_000`), names, calls with positional arguments (`f(x, y)`), unary `+`/`-`,
`+ - * /`, and `**` or PySR's `^` (right-associative and binding tighter than a unary minus
on its left: `-x**2` is `-(x**2)`, `2**-x` is `2**(-x)`), parentheses; whitespace anywhere,
`#` comments to the end. Conditions as sympy prints them: comparisons `> < >= <=` (loosest,
not chained), `&` and `|` between them, and tuples `(expr, condition)` (a `Call` named
"", for `Piecewise`). Every node records the column Python's `ast` gives it, so op
locations and error carets are what they were when expressions were parsed with `ast`:
a name, number or call at its first character, a unary operator at its sign, a binary
operator at the first character of its left operand (an opening parenthesis included).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NamedTuple

from srcc.errors import SrccError

BINARY_OPS: dict[str, str] = {
    "+": "add",
    "-": "sub",
    "*": "mul",
    "/": "div",
    "**": "pow",
    "^": "pow",
    ">": "gt",
    "<": "lt",
    ">=": "ge",
    "<=": "le",
    "&": "and",
    "|": "or",
}
"""Binary operators by spelling, as `sym` op names (`pow` is handled by the emitter)."""

BINARY_PRECEDENCE: dict[str, int] = {
    ">": 1,
    "<": 1,
    ">=": 1,
    "<=": 1,
    "|": 2,
    "&": 3,
    "+": 4,
    "-": 4,
    "*": 5,
    "/": 5,
    "**": 7,
    "^": 7,
}
"""Python's order: comparisons loosest, then `|`, `&`, sums, products, powers."""
UNARY_PRECEDENCE = 6
"""Unary signs bind tighter than `*` and looser than a power on their right."""

RIGHT_ASSOCIATIVE = frozenset({"**", "^"})
UNARY_OPERATORS = frozenset({"+", "-"})
UNSUPPORTED_OPERATORS = frozenset({"%", "//", "@", "<<", ">>", "~"})
COMPARISONS = frozenset({"gt", "lt", "ge", "le"})
"""The comparisons' names in `Binary.op`."""
EQUALITIES = frozenset({"==", "!="})
PYTHON_KEYWORDS = frozenset({"and", "or", "not", "in", "is", "if", "else", "for", "lambda"})
"""Python's word operators (`x0 and x1`, `not x0`): reported, rather than taken as inputs,
when they stand next to an operand."""

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
    |(?P<number>(?:\d(?:_?\d)*(?:\.(?:\d(?:_?\d)*)?)?|\.\d(?:_?\d)*)(?:[eE][+-]?\d(?:_?\d)*)?[jJ]?)
    |(?P<name>[^\W\d]\w*)
    |(?P<operator>\*\*|//|<<|>>|<=|>=|==|!=|[-+*/^%@&|~<>=(),.])
    |(?P<comment>\#.*)
    |(?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)


class Token(NamedTuple):
    kind: str
    """`number`, `name`, `operator`, `other` (a character that starts no token) or `end`."""
    text: str
    start: int
    """0-based index of the token's first character in the text."""


@dataclass(eq=False, frozen=True, slots=True)
class Node:
    column: int
    """0-based index of the node's position in the text (as Python's `ast` col_offset)."""
    literal: float | None
    """The value of a purely numeric node (`2`, `-0.5`, `1/3`), else None."""


@dataclass(eq=False, frozen=True, slots=True)
class Number(Node):
    text: str
    """The number as written (`1e999`), for error messages."""


@dataclass(eq=False, frozen=True, slots=True)
class Name(Node):
    name: str


@dataclass(eq=False, frozen=True, slots=True)
class Unary(Node):
    negate: bool
    """`-operand` if True, else `+operand`."""
    operand: Node


@dataclass(eq=False, frozen=True, slots=True)
class Binary(Node):
    op: str
    """`add`, `sub`, `mul`, `div`, `pow`, a comparison (`gt`, `lt`, `ge`, `le`), `and`, `or`."""
    lhs: Node
    rhs: Node


@dataclass(eq=False, frozen=True, slots=True)
class Call(Node):
    name: str
    args: tuple[Node, ...]


def parse_expression(text: str) -> Node:
    """The syntax tree of `text`, or an SrccError whose column points at the problem."""
    return _Parser(text).parse()


def tokenize(text: str) -> Iterator[Token]:
    """The tokens of `text` (no whitespace or comments), then one `end` token."""
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup
        assert kind is not None
        if kind == "name" and not match.group().isascii():
            yield Token(kind, unicodedata.normalize("NFKC", match.group()), match.start())
        elif kind not in ("space", "comment"):
            yield Token(kind, match.group(), match.start())
    yield Token("end", "", len(text))


@dataclass(frozen=True, slots=True)
class _Operator:
    """An operator waiting on the stack for its right operand to be complete."""

    symbol: str
    column: int
    precedence: int
    unary: bool


@dataclass(slots=True)
class _Operand:
    node: Node
    start: int
    """Where the operand's text begins, its opening parentheses included."""


@dataclass(slots=True)
class _Group:
    """The expression being parsed, or one inside parentheses (a call's, if `call`)."""

    start: int
    """Where the current expression (or call argument) begins."""
    paren: int | None = None
    """Column of the opening parenthesis; None for the whole expression."""
    call: Token | None = None
    """The called function's name."""
    first_arg: int = 0
    """Index in the operand stack of the call's first argument."""
    operators: list[_Operator] = field(default_factory=list)


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = list(tokenize(text))
        self.index = 0
        self.operands: list[_Operand] = []
        self.groups = [_Group(start=self.tokens[0].start)]

    def parse(self) -> Node:
        expect_operand = True
        while True:
            token = self.tokens[self.index]
            self.index += 1
            if expect_operand:
                expect_operand = self._operand(token)
            elif token.kind == "end":
                return self._finish()
            else:
                expect_operand = self._after_operand(token)

    def _operand(self, token: Token) -> bool:
        """Read `token` where an operand must begin; True if an operand must still follow."""
        group = self.groups[-1]
        if token.kind == "number":
            self._push(_number(token, self.text))
            return False
        if token.kind == "name":
            return self._name(token, group)
        if token.text == "(":
            self.groups.append(
                _Group(start=self._peek().start, paren=token.start, first_arg=len(self.operands))
            )
            return True
        if token.text in UNARY_OPERATORS:
            group.operators.append(_Operator(token.text, token.start, UNARY_PRECEDENCE, True))
            return True
        if token.text == "~":
            raise self._error("unsupported operator", token.start)
        if token.text == ")" and group.call is not None and self._previous().text in ("(", ","):
            self._close_call(group)
            return False
        if token.kind == "end" and group.paren is not None:
            raise self._error("syntax error: '(' was never closed", group.paren)
        raise self._unexpected(token)

    def _name(self, token: Token, group: _Group) -> bool:
        following = self._peek()
        if following.text == "(":
            self.index += 1
            self.groups.append(
                _Group(
                    start=self._peek().start,
                    paren=following.start,
                    call=token,
                    first_arg=len(self.operands),
                )
            )
            return True
        if following.text == "=" and group.call is not None and self._previous().text in ("(", ","):
            value = self.tokens[self.index + 1]
            raise self._error(f"{group.call.text}() takes no keyword arguments", value.start)
        self._push(Name(token.start, None, token.text))
        return False

    def _after_operand(self, token: Token) -> bool:
        """Read `token` after a complete operand; True if an operand must follow."""
        if token.text in BINARY_PRECEDENCE:
            self._binary_operator(token)
            return True
        if token.text == ")":
            self._close_group(token)
            return False
        if token.text == "," and self.groups[-1].paren is not None:
            group = self.groups[-1]
            self._reduce(group)
            if group.call is None:  # a tuple: a call without a name
                group.call = Token("name", "", group.paren)
            group.start = self._peek().start
            return True
        if token.text in UNSUPPORTED_OPERATORS:
            raise self._error("unsupported operator", token.start)
        if token.text in EQUALITIES:
            raise self._error("== and != are not supported", self.groups[-1].start)
        if token.text == "(" or (token.text == "." and self._is_method_call()):
            raise self._error("only plain function names can be called", self.operands[-1].start)
        if token.text == ".":
            raise self._error("unsupported syntax", self.operands[-1].start)
        if token.text == ",":
            raise self._error("syntax error: ',' outside a function call", token.start)
        previous = self._previous()
        if previous.kind == "name" and previous.text in PYTHON_KEYWORDS:
            raise self._error(f"'{previous.text}' is not supported", previous.start)
        if token.kind == "name" and token.text in PYTHON_KEYWORDS:
            raise self._error(f"'{token.text}' is not supported", token.start)
        raise self._unexpected(token)

    def _binary_operator(self, token: Token) -> None:
        precedence = BINARY_PRECEDENCE[token.text]
        left_associative = token.text not in RIGHT_ASSOCIATIVE
        operators = self.groups[-1].operators
        while operators and (
            operators[-1].precedence > precedence
            or (operators[-1].precedence == precedence and left_associative)
        ):
            self._apply(operators.pop())
        operators.append(_Operator(token.text, token.start, precedence, False))

    def _close_group(self, token: Token) -> None:
        group = self.groups[-1]
        if group.paren is None:
            raise self._error("syntax error: unmatched ')'", token.start)
        self._reduce(group)
        if group.call is not None:
            self._close_call(group)
        else:
            self.groups.pop()
            self.operands[-1].start = group.paren

    def _close_call(self, group: _Group) -> None:
        assert group.call is not None
        self.groups.pop()
        args = tuple(operand.node for operand in self.operands[group.first_arg :])
        del self.operands[group.first_arg :]
        self._push(Call(group.call.start, None, group.call.text, args))

    def _finish(self) -> Node:
        group = self.groups[-1]
        if group.paren is not None:
            raise self._error("syntax error: '(' was never closed", group.paren)
        self._reduce(group)
        (operand,) = self.operands
        return operand.node

    def _reduce(self, group: _Group) -> None:
        """Apply every operator still waiting in `group`."""
        while group.operators:
            self._apply(group.operators.pop())

    def _apply(self, operator: _Operator) -> None:
        if operator.unary:
            operand = self.operands.pop().node
            negate = operator.symbol == "-"
            literal = operand.literal
            if literal is not None and negate:
                literal = -literal
            self._push(Unary(operator.column, literal, negate, operand))
            return
        rhs = self.operands.pop().node
        lhs = self.operands.pop()
        op = BINARY_OPS[operator.symbol]
        if op in COMPARISONS and isinstance(lhs.node, Binary) and lhs.node.op in COMPARISONS:
            raise self._error("chained comparisons are not supported", lhs.start)
        literal = fold(op, lhs.node.literal, rhs.literal)
        self._push(Binary(lhs.start, literal, op, lhs.node, rhs))

    def _push(self, node: Node) -> None:
        """A complete operand; its text starts at the node's column until a closing
        parenthesis moves the start to its opening one."""
        self.operands.append(_Operand(node, node.column))

    def _is_method_call(self) -> bool:
        """Whether the tokens after a `.` are `name(.name)*(`."""
        index = self.index
        while self.tokens[index].kind == "name" and self.tokens[index + 1].text == ".":
            index += 2
        return self.tokens[index].kind == "name" and self.tokens[index + 1].text == "("

    def _peek(self) -> Token:
        return self.tokens[self.index]

    def _previous(self) -> Token:
        """The token before the one just read."""
        return self.tokens[self.index - 2] if self.index >= 2 else Token("end", "", 0)

    def _unexpected(self, token: Token) -> SrccError:
        if token.kind == "other":
            return self._error(f"syntax error: unexpected character {token.text!r}", token.start)
        return self._error("syntax error: invalid syntax", token.start)

    def _error(self, message: str, column: int) -> SrccError:
        return SrccError(message, source=self.text, column=column)


def _number(token: Token, text: str) -> Number:
    if token.text[-1] in "jJ":
        raise SrccError(
            f"unsupported constant {complex(token.text)!r}", source=text, column=token.start
        )
    return Number(token.start, float(token.text), token.text)


def fold(op: str, lhs: float | None, rhs: float | None) -> float | None:
    """`lhs op rhs` between numbers, evaluated at parse time (`x ** (1/3)`); None if either
    is not a number, for division by zero and for a power that is not real."""
    if lhs is None or rhs is None:
        return None
    if op == "add":
        return lhs + rhs
    if op == "sub":
        return lhs - rhs
    if op == "mul":
        return lhs * rhs
    if op == "div":
        return lhs / rhs if rhs != 0 else None
    if op == "pow":
        return _fold_power(lhs, rhs)
    return None


def _fold_power(base: float, exponent: float) -> float | None:
    """`base ** exponent` if real (None if not, or 0 to a negative power)."""
    if (base < 0 and not exponent.is_integer()) or (base == 0 and exponent < 0):
        return None
    try:
        return base**exponent
    except OverflowError:
        return math.inf
