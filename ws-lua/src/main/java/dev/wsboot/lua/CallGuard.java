package dev.wsboot.lua;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import org.luaj.vm2.Lua;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/**
 * The VM hook of one Lua state: counts the instructions of each call against the budget, and checks
 * the instructions that grow memory ({@code ..} and stores into tables) before they run. LuaJ calls
 * a state's {@code debuglib} for every call, return and instruction; this class takes that place
 * without being a library: no {@code debug} table is ever given to the script, so nothing in the
 * script can remove or reset the hook.
 *
 * <p>Once the budget is spent every further instruction fails, so a script that catches the error
 * with {@code pcall} cannot go on. Not thread-safe: the script's lock serializes its calls.
 */
final class CallGuard extends DebugLib {

	/** Lua calls deep before a call fails, well before the Java stack of a handler thread ends. */
	static final int MAX_DEPTH = 200;

	private static final MethodHandle ARRAY_LENGTH;

	private static final MethodHandle HASH_LENGTH;

	static {
		// LuaTable keeps its slot counts protected; LuaJ is in the unnamed module, so it is open to us.
		try {
			MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(LuaTable.class, MethodHandles.lookup());
			ARRAY_LENGTH = lookup.findVirtual(LuaTable.class, "getArrayLength", MethodType.methodType(int.class));
			HASH_LENGTH = lookup.findVirtual(LuaTable.class, "getHashLength", MethodType.methodType(int.class));
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private final LuaLimits limits;

	private long executed;

	private int depth;

	/** The closure of each frame; null for a Java function's frame. */
	private final LuaClosure[] closures = new LuaClosure[MAX_DEPTH];

	private final LuaValue[][] stacks = new LuaValue[MAX_DEPTH][];

	private final int[] pcs = new int[MAX_DEPTH];

	CallGuard(LuaLimits limits) {
		this.limits = limits;
	}

	/** Starts a new call from the server: a fresh budget and an empty stack. */
	void reset() {
		this.executed = 0;
		for (int i = 0; i < this.depth; i++) {
			this.closures[i] = null;
			this.stacks[i] = null;
		}
		this.depth = 0;
	}

	/** Whether the current call spent its budget. */
	boolean exhausted() {
		return this.executed > this.limits.maxInstructionsPerCall();
	}

	@Override
	public void onCall(LuaFunction function) {
		push(null, null);
	}

	@Override
	public void onCall(LuaClosure closure, Varargs varargs, LuaValue[] stack) {
		push(closure, stack);
	}

	private void push(LuaClosure closure, LuaValue[] stack) {
		if (this.depth == MAX_DEPTH) {
			throw new LuaError("stack overflow: more than " + MAX_DEPTH + " nested calls");
		}
		this.closures[this.depth] = closure;
		this.stacks[this.depth] = stack;
		this.depth++;
	}

	@Override
	public void onReturn() {
		if (this.depth > 0) {
			this.depth--;
			this.closures[this.depth] = null;
			this.stacks[this.depth] = null;
		}
	}

	@Override
	public void onInstruction(int pc, Varargs varargs, int top) {
		if (++this.executed > this.limits.maxInstructionsPerCall()) {
			throw new LuaError("instruction budget exceeded: more than " + this.limits.maxInstructionsPerCall()
					+ " instructions in one call (ws.lua.max-instructions-per-call)");
		}
		int frame = this.depth - 1;
		this.pcs[frame] = pc;
		LuaClosure closure = this.closures[frame];
		LuaValue[] stack = this.stacks[frame];
		int instruction = closure.p.code[pc];
		switch (Lua.GET_OPCODE(instruction)) {
			// R(A) := R(B) .. ... .. R(C)
			case Lua.OP_CONCAT -> checkConcat(stack, Lua.GETARG_B(instruction), Lua.GETARG_C(instruction));
			// R(A)[RK(B)] := RK(C)
			case Lua.OP_SETTABLE -> checkStore(stack[Lua.GETARG_A(instruction)],
					rk(closure, stack, Lua.GETARG_B(instruction)), rk(closure, stack, Lua.GETARG_C(instruction)));
			// UpValue[A][RK(B)] := RK(C): assigning a global
			case Lua.OP_SETTABUP -> checkStore(closure.upValues[Lua.GETARG_A(instruction)].getValue(),
					rk(closure, stack, Lua.GETARG_B(instruction)), rk(closure, stack, Lua.GETARG_C(instruction)));
			// R(A)[(C-1)*FPF+i] := R(A+i), 1 <= i <= B; B == 0: up to the top, after the last call's results
			case Lua.OP_SETLIST -> {
				int a = Lua.GETARG_A(instruction);
				int b = Lua.GETARG_B(instruction);
				int count = (b != 0) ? b : Math.max(0, top - a - 1) + varargs.narg();
				checkGrowth(stack[a], count);
			}
			default -> {
			}
		}
	}

	private static LuaValue rk(LuaClosure closure, LuaValue[] stack, int operand) {
		return Lua.ISK(operand) ? closure.p.k[Lua.INDEXK(operand)] : stack[operand];
	}

	private void checkConcat(LuaValue[] stack, int from, int to) {
		long size = 0;
		for (int r = from; r <= to; r++) {
			LuaValue value = stack[r];
			if (value instanceof LuaString string) {
				size += string.m_length;
			}
			else if (value.isnumber()) {
				size += 24;
			}
		}
		checkStringSize("..", size);
	}

	/** Fails when the string an operation would build is over the limit. */
	void checkStringSize(String operation, double size) {
		if (size > this.limits.maxStringSize()) {
			throw new LuaError(operation + ": the result would be " + String.format("%.0f", size)
					+ " bytes, over the limit of " + this.limits.maxStringSize() + " (ws.lua.max-string-size)");
		}
	}

	/** Fails when a store would add a key to a table that is already at the limit. */
	void checkStore(LuaValue target, LuaValue key, LuaValue value) {
		if (target instanceof LuaTable table && !value.isnil() && slots(table) >= this.limits.maxTableSize()
				&& table.rawget(key).isnil()) {
			throw tableFull(slots(table));
		}
	}

	/** Fails when adding this many keys could take a table past the limit. */
	void checkGrowth(LuaValue target, int count) {
		if (target instanceof LuaTable table && (long) slots(table) + count > this.limits.maxTableSize()) {
			throw tableFull(slots(table));
		}
	}

	private LuaError tableFull(int slots) {
		return new LuaError("table full: it has " + slots + " slots, the limit is " + this.limits.maxTableSize()
				+ " (ws.lua.max-table-size)");
	}

	private static int slots(LuaTable table) {
		try {
			return (int) ARRAY_LENGTH.invokeExact(table) + (int) HASH_LENGTH.invokeExact(table);
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The frames of the current call, innermost first, as {@code source:line}. */
	@Override
	public String traceback(int level) {
		StringBuilder trace = new StringBuilder("stack traceback:");
		for (int frame = this.depth - 1; frame >= 0; frame--) {
			LuaClosure closure = this.closures[frame];
			if (closure != null) {
				int[] lines = closure.p.lineinfo;
				int pc = this.pcs[frame];
				trace.append("\n\t").append(closure.p.source.tojstring()).append(':')
					.append((lines != null && pc >= 0 && pc < lines.length) ? lines[pc] : -1);
			}
		}
		return trace.toString();
	}

}
