class Solution {
    public int ladderLength(String beginWord, String endWord, String[] wordList) {
        Set<String> unvisited = new HashSet<>(Arrays.asList(wordList));
        if (!unvisited.contains(endWord)) return 0;
        ArrayDeque<String> queue = new ArrayDeque<>();
        queue.add(beginWord);
        for (int depth = 1; !queue.isEmpty(); depth++) {
            for (int k = queue.size(); k > 0; k--) {
                char[] word = queue.poll().toCharArray();
                for (int i = 0; i < word.length; i++) {
                    char original = word[i];
                    for (char c = 'a'; c <= 'z'; c++) {
                        word[i] = c;
                        String candidate = new String(word);
                        if (!unvisited.remove(candidate)) continue;
                        if (candidate.equals(endWord)) return depth + 1;
                        queue.add(candidate);
                    }
                    word[i] = original;
                }
            }
        }
        return 0;
    }
}
