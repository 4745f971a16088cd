// The .lab lexer. Strings and `${...}` interpolation use a mode stack: every `{`
// pushes the default mode and every `}` pops it, so `}` closes an interpolation
// only at its own depth, and `"` inside an interpolation opens a nested string.
lexer grammar LabLexer;

// Bad characters and unterminated comments go to their own channel: the compiler reports
// them in words and the parser never sees them, so one stray byte costs one diagnostic.
channels { ERRORS }

@members {
  /** Pops a mode only when one was pushed: a stray `}` at top level is a parser error, not a lexer crash. */
  private void popIfPushed() { if (!_modeStack.isEmpty()) popMode(); }

  /**
   * Reads a heredoc body after `<<ID` or `<<-ID` and its newline, up to a line holding only ID
   * (leading blanks allowed). An unterminated heredoc runs to end of input; the compiler reports it.
   */
  private void readHeredoc() {
    String head = getText();
    int start = head.startsWith("<<-") ? 3 : 2;
    String id = head.substring(start).trim();
    StringBuilder line = new StringBuilder();
    while (true) {
      int c = _input.LA(1);
      if (c == org.antlr.v4.runtime.IntStream.EOF) return;
      _input.consume();
      if (c == '\n') {
        line.setLength(0);
        continue;
      }
      line.append((char) c);
      if (line.toString().strip().equals(id)) {
        int next = _input.LA(1);
        if (next == '\n' || next == '\r' || next == org.antlr.v4.runtime.IntStream.EOF) {
          if (line.toString().stripLeading().equals(id) || line.toString().strip().equals(id)) return;
        }
      }
    }
  }
}

// Keywords
IMPORT : 'import';
AS     : 'as';
PARAM  : 'param';
LET    : 'let';
SECRET : 'secret';
FOR    : 'for';
IN     : 'in';
IF     : 'if';
ELSE   : 'else';
SCHEMA : 'schema';
ENUM   : 'enum';
TRUE   : 'true';
FALSE  : 'false';
NULL   : 'null';

// Punctuation and operators
LBRACE   : '{' -> pushMode(DEFAULT_MODE);
RBRACE   : '}' { popIfPushed(); };
LPAREN   : '(';
RPAREN   : ')';
LBRACK   : '[';
RBRACK   : ']';
COMMA    : ',';
SEMI     : ';';
DOTDOT   : '..';
DOT      : '.';
ARROW    : '=>';
EQEQ     : '==';
NEQ      : '!=';
LE       : '<=';
GE       : '>=';
LT       : '<';
GT       : '>';
ASSIGN   : '=';
ANDAND   : '&&';
OROR     : '||';
BANG     : '!';
PLUS     : '+';
MINUS    : '-';
STAR     : '*';
SLASH    : '/';
PERCENT  : '%';
QUESTION : '?';
COLON    : ':';
AT       : '@';

// Literals. Longest match makes `10.0.1.0/24` one CIDR token, `10.0.1.5` an IPv4 token,
// `1.5` a float, `512MiB` a unit number; `1..3` lexes as INT DOTDOT INT.
// Parts of any length: `10.0.1.99999` is one token, refused whole as "`99999` is over 255",
// where three-digit parts split it into `10.0.1.999` and a stray `99`.
CIDR4 : DIGITS '.' DIGITS '.' DIGITS '.' DIGITS '/' DIGITS;
IPV4  : DIGITS '.' DIGITS '.' DIGITS '.' DIGITS;
// IPv6 literals must contain `::` so that `name:value` never lexes as an address.
CIDR6 : IPV6_BODY '/' DIGITS;
IPV6  : IPV6_BODY;
// INT comes before UNIT_NUMBER: `0xff` matches both with the same length, and the first
// rule wins ties; as a unit number it was "unknown unit `xff`".
INT   : DIGITS | '0x' [0-9a-fA-F]+;
UNIT_NUMBER : DIGITS ('.' DIGITS)? (UNIT_LETTERS | '%');
FLOAT : DIGITS '.' DIGITS ([eE] [+-]? DIGITS)? | DIGITS [eE] [+-]? DIGITS;

HEREDOC : '<<' '-'? [A-Za-z_] [A-Za-z0-9_]* [ \t]* '\r'? '\n' { readHeredoc(); };

// Identifiers may contain dashes (as in HCL) so hostnames like gpu-01 are names;
// `a - b` with spaces is subtraction.
IDENT : [A-Za-z_] ([A-Za-z0-9_] | '-' [A-Za-z0-9_])*;

OPEN_QUOTE : '"' -> pushMode(STRING_MODE);

DOC_COMMENT   : '///' ~[\r\n]* -> channel(HIDDEN);
LINE_COMMENT  : '//' ~[\r\n]* -> channel(HIDDEN);
BLOCK_COMMENT : '/*' .*? '*/' -> channel(HIDDEN);
// The body may not contain `*/`: with `.*?` this rule matched past a closing `*/` to end of
// input, and longest-match made every block comment in a file "unterminated".
UNTERMINATED_BLOCK_COMMENT : '/*' (~'*' | '*'+ ~[*/])* '*'* EOF -> channel(ERRORS);
HASH_COMMENT  : '#' ~[\r\n]* -> channel(HIDDEN);
NEWLINE : ('\r'? '\n' | '\r') -> channel(HIDDEN);
WS : [ \t\f\u00A0\uFEFF]+ -> channel(HIDDEN);

// Anything else is one bad character; the parser reports it in words.
BAD_CHAR : . -> channel(ERRORS);

fragment DIGITS : [0-9]+;
fragment UNIT_LETTERS : [a-zA-Z]+;
fragment HEX4 : [0-9a-fA-F] [0-9a-fA-F]? [0-9a-fA-F]? [0-9a-fA-F]?;
fragment IPV6_BODY
  : (HEX4 ':')* HEX4? '::' (HEX4 (':' HEX4)*)?
  ;

mode STRING_MODE;
INTERP_OPEN  : '${' -> pushMode(DEFAULT_MODE);
STRING_TEXT  : (~["\\$\r\n] | '\\' ~[\r\n] | '$' ~[{"\\\r\n])+ | '$' | '\\';
CLOSE_QUOTE  : '"' -> popMode;
// A newline ends an unterminated string: report it at the line it began, not at EOF.
STRING_NEWLINE : ('\r'? '\n' | '\r') -> popMode;
