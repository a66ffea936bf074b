package dev.ember.flink.fuzz;

import java.util.ArrayList;
import java.util.List;

/** A generated expression tree. Nodes are compared by identity when the shrinker replaces one. */
sealed interface Expr permits Expr.Leaf, Expr.Call {

    Cls cls();

    String sql();

    /** Number of nodes (the shrinker's measure). */
    int size();

    /** A column reference or a literal. */
    record Leaf(String sql, Cls cls) implements Expr {
        @Override
        public int size() {
            return 1;
        }
    }

    /** A call of a grammar signature; {@code args} are positional, literal-only arguments included. */
    record Call(Grammar.Sig sig, List<Expr> args, Cls cls) implements Expr {
        @Override
        public String sql() {
            StringBuilder b = new StringBuilder();
            String[] parts = sig.template().split("\\{}", -1);
            for (int i = 0; i < parts.length; i++) {
                b.append(parts[i]);
                if (i < args.size()) {
                    b.append(args.get(i).sql());
                }
            }
            return b.toString();
        }

        @Override
        public int size() {
            return 1 + args.stream().mapToInt(Expr::size).sum();
        }

        /** Whether argument {@code i} may be replaced by another expression (literal-only ones may not). */
        boolean replaceable(int i) {
            return !(sig.args().get(i) instanceof Grammar.Lit);
        }
    }

    /** The replaceable nodes of this tree, root first. */
    default List<Expr> nodes() {
        List<Expr> out = new ArrayList<>();
        collect(this, out);
        return out;
    }

    private static void collect(Expr e, List<Expr> out) {
        out.add(e);
        if (e instanceof Call c) {
            for (int i = 0; i < c.args().size(); i++) {
                if (c.replaceable(i)) {
                    collect(c.args().get(i), out);
                }
            }
        }
    }

    /** This tree with node {@code target} (by identity) replaced by {@code with}. */
    default Expr replace(Expr target, Expr with) {
        if (this == target) {
            return with;
        }
        if (this instanceof Call c) {
            List<Expr> args = new ArrayList<>(c.args().size());
            for (Expr a : c.args()) {
                args.add(a.replace(target, with));
            }
            return new Call(c.sig(), args, c.cls());
        }
        return this;
    }
}
