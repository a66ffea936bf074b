package dev.ember.flink.hook;

import org.apache.flink.table.planner.plan.nodes.exec.processor.ExecNodeGraphProcessor;

import scala.collection.JavaConverters;
import scala.collection.Seq;

import java.util.ArrayList;
import java.util.List;

/** Scala interop shared by both planner subclasses: puts Ember's processor in front of the planner's own list. */
final class ProcessorChain {

    private ProcessorChain() {}

    /**
     * Ember's processor runs <em>first</em>: the batch planner's {@code MultipleInputNodeCreationProcessor} captures
     * its member nodes, so a Calc swapped after it would be swapped outside the fused operator.
     */
    static Seq<ExecNodeGraphProcessor> prepend(ExecNodeGraphProcessor first, Seq<ExecNodeGraphProcessor> stock) {
        List<ExecNodeGraphProcessor> all = new ArrayList<>();
        all.add(first);
        all.addAll(JavaConverters.seqAsJavaListConverter(stock).asJava());
        return JavaConverters.asScalaBufferConverter(all).asScala();
    }
}
