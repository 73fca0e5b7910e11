class Solution {
    public int evalRpn(String[] tokens) {
        int[] stack = new int[tokens.length];
        int top = 0;
        for (String token : tokens) {
            if (token.length() == 1 && "+-*/".indexOf(token.charAt(0)) >= 0) {
                int b = stack[--top], a = stack[--top];
                switch (token.charAt(0)) {
                    case '+': stack[top++] = a + b; break;
                    case '-': stack[top++] = a - b; break;
                    case '*': stack[top++] = a * b; break;
                    default: stack[top++] = a / b;
                }
            } else stack[top++] = Integer.parseInt(token);
        }
        return stack[top - 1];
    }
}
