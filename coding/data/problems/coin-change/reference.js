function coinChange(coins, amount) {
  const inf = amount + 1;
  const best = new Array(amount + 1).fill(inf);
  best[0] = 0;
  for (let a = 1; a <= amount; a++) {
    for (const c of coins) if (c <= a && best[a - c] + 1 < best[a]) best[a] = best[a - c] + 1;
  }
  return best[amount] > amount ? -1 : best[amount];
}
