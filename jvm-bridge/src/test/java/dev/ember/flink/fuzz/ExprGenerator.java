package dev.ember.flink.fuzz;

import dev.ember.flink.fuzz.Expr.Call;
import dev.ember.flink.fuzz.Expr.Leaf;
import dev.ember.flink.fuzz.Grammar.Lit;
import dev.ember.flink.fuzz.Grammar.Of;
import dev.ember.flink.fuzz.Grammar.Sig;
import dev.ember.flink.fuzz.Grammar.TypeVar;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Random well-typed expressions of a wanted class, top-down from {@link Grammar#SIGNATURES}. */
final class ExprGenerator {

    private final SplittableRandom random;
    private final int maxDepth;

    ExprGenerator(SplittableRandom random, int maxDepth) {
        this.random = random;
        this.maxDepth = maxDepth;
    }

    /** An expression of a random class. */
    Expr any() {
        Cls[] all = Cls.values();
        return generate(all[random.nextInt(all.length)], maxDepth);
    }

    Expr generate(Cls want, int depth) {
        if (depth <= 0 || random.nextInt(10) < 2) {
            return leaf(want);
        }
        Sig sig = pick(want);
        Cls t = sig.result() == null ? want : sig.domain().isEmpty() ? null : pickFrom(sig.domain());
        List<Expr> args = new ArrayList<>();
        boolean widestGiven = false;
        for (Grammar.Arg arg : sig.args()) {
            if (arg instanceof Lit lit) {
                args.add(new Leaf(lit.values().get(random.nextInt(lit.values().size())), Cls.STRING));
            } else if (arg instanceof Of of) {
                args.add(generate(pickFrom(of.classes()), depth - 1));
            } else if (arg instanceof TypeVar) {
                // Numeric operands mix (INT + DECIMAL); the first one carries the result's (widest) class.
                Cls c = t;
                if (widestGiven && t.numeric()) {
                    List<Cls> narrower = Cls.NUMERIC.stream().filter(n -> n.widensTo(t)).toList();
                    c = narrower.get(random.nextInt(narrower.size()));
                }
                widestGiven = true;
                args.add(generate(c, depth - 1));
            }
        }
        return new Call(sig, args, sig.result() == null ? t : sig.result());
    }

    /** A column (mostly), a literal, or a typed NULL. */
    Expr leaf(Cls want) {
        int k = random.nextInt(20);
        List<String> choices;
        if (k < 12) {
            choices = RandomTable.columnsOf(want).stream().map(RandomTable.Column::name).toList();
        } else if (k < 19) {
            choices = Grammar.LITERALS.get(want);
        } else {
            choices = Grammar.nullLiterals(want);
        }
        return new Leaf(choices.get(random.nextInt(choices.size())), want);
    }

    private Sig pick(Cls want) {
        List<Sig> candidates = Grammar.SIGNATURES.stream().filter(s -> s.canProduce(want)).toList();
        double total = candidates.stream().mapToDouble(Sig::weight).sum();
        double x = random.nextDouble() * total;
        for (Sig s : candidates) {
            x -= s.weight();
            if (x < 0) {
                return s;
            }
        }
        return candidates.get(candidates.size() - 1);
    }

    private Cls pickFrom(Set<Cls> classes) {
        List<Cls> list = List.copyOf(classes);
        return list.get(random.nextInt(list.size()));
    }
}
