package dev.labc.types;

import dev.labc.diag.Code;
import dev.labc.diag.DiagnosticCollector;
import dev.labc.diag.Spelling;
import dev.labc.syntax.Argument;
import dev.labc.syntax.Expr;
import dev.labc.syntax.TypeExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns written types ({@code int(1..65535)}, {@code list(node)}, {@code string?}) into {@link Type}s. */
public final class TypeResolver {
  private final Set<String> schemas;
  private final Set<String> kinds;
  private final Map<String, Type.EnumT> enums;
  private final DiagnosticCollector diags;

  public TypeResolver(Set<String> schemas, Set<String> kinds, Map<String, Type.EnumT> enums, DiagnosticCollector diags) {
    this.schemas = schemas;
    this.kinds = kinds;
    this.enums = enums;
    this.diags = diags;
  }

  public Type resolve(TypeExpr t) {
    Type base = base(t);
    return t.optional() ? new Type.OptionalT(base) : base;
  }

  private Type base(TypeExpr t) {
    String name = t.qualifiedName();
    List<Argument> args = t.args();
    switch (name) {
      case "list", "map" -> {
        if (args.isEmpty() || !(args.get(0).value() instanceof Expr.Name || args.get(0).value() instanceof Expr.Call)) {
          diags.error(Code.UNKNOWN_TYPE, t.span(), "`" + name + "` needs an element type", "write `" + name + "(string)`");
          return Type.Prim.of(Type.Kind.ANY);
        }
        Type elem = fromExpr(args.get(0).value());
        if (name.equals("map")) return new Type.MapT(elem);
        boolean nonEmpty = false, unique = false;
        for (Argument a : args.subList(1, args.size())) {
          String flag = a.value() instanceof Expr.Name n ? n.name() : "";
          if (flag.equals("nonempty")) nonEmpty = true;
          else if (flag.equals("unique")) unique = true;
          else diags.error(Code.UNKNOWN_TYPE, a.span(), "unknown list refinement", "use `nonempty` or `unique`");
        }
        return new Type.ListT(elem, nonEmpty, unique);
      }
      default -> { }
    }
    Type.Kind prim = primitive(name);
    if (prim != null) {
      Long min = null, max = null;
      String pattern = null;
      for (Argument a : args) {
        if (a.value() instanceof Expr.Binary b && b.op() == Expr.BinaryOp.RANGE) {
          min = bound(b.left());
          max = bound(b.right());
        } else if (a.name() != null && a.name().name().equals("pattern") && a.value() instanceof Expr.Str s && s.literalValue() != null) {
          pattern = s.literalValue();
          try {
            java.util.regex.Pattern.compile(pattern);
          } catch (java.util.regex.PatternSyntaxException e) {
            diags.error(Code.UNKNOWN_TYPE, s.span(), "invalid pattern: " + e.getDescription(), null);
            pattern = null;
          }
        } else {
          diags.error(Code.UNKNOWN_TYPE, a.span(), "unknown refinement of `" + name + "`", "write a range `" + name + "(1..10)` or `string(pattern: \"^...$\")`");
        }
      }
      return new Type.Prim(prim, min, max, pattern);
    }
    if (enums.containsKey(name)) return enums.get(name);
    if (kinds.contains(name)) return new Type.RefT(name);
    if (schemas.contains(name)) return new Type.RecordT(name);
    var candidates = new ArrayList<String>(List.of("string", "int", "float", "bool", "size", "duration", "power", "percent", "current", "voltage", "apparent_power", "rating", "ip", "cidr", "version", "path", "any", "list", "map"));
    candidates.addAll(enums.keySet());
    candidates.addAll(schemas);
    diags.error(Code.UNKNOWN_TYPE, t.span(), "unknown type `" + name + "`", Spelling.didYouMean(name, candidates));
    return Type.Prim.of(Type.Kind.ANY);
  }

  private Type fromExpr(Expr e) {
    return switch (e) {
      case Expr.Name n -> resolve(new TypeExpr(n.span(), List.of(new dev.labc.syntax.Ident(n.span(), n.name())), List.of(), false, false));
      case Expr.Call c when c.callee() instanceof Expr.Name n ->
          resolve(new TypeExpr(c.span(), List.of(new dev.labc.syntax.Ident(n.span(), n.name())), c.args(), true, false));
      default -> Type.Prim.of(Type.Kind.ANY);
    };
  }

  private Long bound(Expr e) {
    if (e instanceof Expr.Int i) return i.value();
    if (e instanceof Expr.Unary u && u.op() == Expr.UnaryOp.NEG && u.operand() instanceof Expr.Int i) return -i.value();
    diags.error(Code.UNKNOWN_TYPE, e.span(), "a range bound must be a whole number", null);
    return null;
  }

  static Type.Kind primitive(String name) {
    return switch (name) {
      case "string" -> Type.Kind.STRING;
      case "int" -> Type.Kind.INT;
      case "float" -> Type.Kind.FLOAT;
      case "bool" -> Type.Kind.BOOL;
      case "size" -> Type.Kind.SIZE;
      case "duration" -> Type.Kind.DURATION;
      case "power" -> Type.Kind.POWER;
      case "percent" -> Type.Kind.PERCENT;
      case "current" -> Type.Kind.CURRENT;
      case "voltage" -> Type.Kind.VOLTAGE;
      case "apparent_power" -> Type.Kind.APPARENT_POWER;
      case "rating" -> Type.Kind.RATING;
      case "ip" -> Type.Kind.IP;
      case "cidr" -> Type.Kind.CIDR;
      case "version" -> Type.Kind.VERSION;
      case "path" -> Type.Kind.PATH;
      case "any" -> Type.Kind.ANY;
      default -> null;
    };
  }
}
