// The .lab parser. Kinds (node, network, storage, ...) are not keywords: a block is
// `kind label? { ... }` and schemas give kinds their meaning, as HCL blocks are.
// Newlines are not significant: a statement starts with a name or keyword, and no
// expression continues with one, so `a = b` followed by `c = d` parses as two attributes.
parser grammar LabParser;

options { tokenVocab = LabLexer; }

file : statement* EOF ;

statement
  : importDecl
  | paramDecl
  | letDecl
  | schemaDecl
  | enumDecl
  | bodyItem
  ;

// `import "./users.lab" as users { admins = ["alice"] }`: the braces set the module's params.
importDecl : annotation* IMPORT string (AS IDENT)? blockBody? SEMI? ;
paramDecl  : annotation* PARAM IDENT COLON SECRET? typeExpr (ASSIGN expr)? SEMI? ;
letDecl    : annotation* LET IDENT ASSIGN expr SEMI? ;
// A kind's body follows its fields: the blocks (of std/core kinds or other kinds) each of its
// blocks becomes, written with the fields as names (docs/language.md, "Kinds with bodies").
schemaDecl : annotation* SCHEMA IDENT LBRACE fieldDecl* statement* RBRACE ;
fieldDecl  : annotation* IDENT COLON SECRET? typeExpr (ASSIGN expr)? (COMMA | SEMI)? ;
enumDecl   : annotation* ENUM IDENT LBRACE (enumMember ((COMMA)? enumMember)* COMMA?)? RBRACE ;
enumMember : IDENT | string ;

bodyItem
  : attribute
  | block
  | forBlock
  | ifBlock
  ;

// Bodies accept every statement; the compiler reports `param` or `import` inside a block in
// words instead of a token-level parse error.
blockBody : LBRACE statement* RBRACE ;
attribute : annotation* IDENT ASSIGN expr (COMMA | SEMI)? ;
block     : annotation* IDENT label? blockBody ;
label     : IDENT | string ;
forBlock  : annotation* FOR IDENT (COMMA IDENT)? IN expr (IF expr)? blockBody ;
ifBlock   : annotation* IF expr blockBody (ELSE (ifBlock | blockBody))? ;

annotation : AT IDENT (LPAREN arguments? RPAREN)? ;

// Types: `int(1..65535)`, `list(string)`, `string?`, `map(node)`; arguments are expressions.
typeExpr : qualifiedName (LPAREN arguments? RPAREN)? QUESTION? ;
qualifiedName : IDENT (DOT IDENT)* ;

expr
  : primary                                                   # primaryExpr
  | expr DOT IDENT                                            # memberExpr
  | expr LBRACK expr RBRACK                                   # indexExpr
  | expr LPAREN arguments? RPAREN                             # callExpr
  | op=(BANG | MINUS) expr                                    # unaryExpr
  | expr op=(STAR | SLASH | PERCENT) expr                     # mulExpr
  | expr op=(PLUS | MINUS) expr                               # addExpr
  | expr DOTDOT expr                                          # rangeExpr
  | expr op=(LT | LE | GT | GE) expr                          # compareExpr
  | expr op=(EQEQ | NEQ) expr                                 # equalityExpr
  | expr IN expr                                              # inExpr
  | expr ANDAND expr                                          # andExpr
  | expr OROR expr                                            # orExpr
  | <assoc=right> expr QUESTION expr COLON expr               # conditionalExpr
  ;

primary
  : INT                                                       # intLit
  | FLOAT                                                     # floatLit
  | UNIT_NUMBER                                               # unitLit
  | (TRUE | FALSE)                                            # boolLit
  | NULL                                                      # nullLit
  | IPV4                                                      # ipLit
  | IPV6                                                      # ipLit
  | CIDR4                                                     # cidrLit
  | CIDR6                                                     # cidrLit
  | string                                                    # stringLit
  | HEREDOC                                                   # heredocLit
  | IDENT                                                     # nameRef
  | LPAREN expr RPAREN                                        # parenExpr
  | LBRACK FOR IDENT (COMMA IDENT)? IN expr COLON expr (IF expr)? RBRACK          # listFor
  | LBRACE FOR IDENT (COMMA IDENT)? IN expr COLON expr ARROW expr (IF expr)? RBRACE # mapFor
  | LBRACK (expr (COMMA expr)* COMMA?)? RBRACK                # listLit
  | LBRACE (objectEntry ((COMMA | SEMI)? objectEntry)* (COMMA | SEMI)?)? RBRACE   # objectLit
  ;

objectEntry : (IDENT | string) (ASSIGN | COLON) expr ;

arguments : argument (COMMA argument)* COMMA? ;
argument  : (IDENT COLON)? expr ;

string : OPEN_QUOTE stringPart* (CLOSE_QUOTE | STRING_NEWLINE | EOF) ;
stringPart
  : STRING_TEXT
  | INTERP_OPEN expr RBRACE
  ;
