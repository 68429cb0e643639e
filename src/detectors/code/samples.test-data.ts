/** Small hand-written snippets, one per language, for the code detector's tests. */
export const SAMPLES: Record<string, string> = {
  python: `from collections import deque

def bfs(graph, start):
    seen = {start}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for nxt in graph.get(node, []):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return seen`,
  javascript: `const express = require('express');
const app = express();

app.get('/health', (req, res) => {
  console.log('health check');
  res.json({ ok: true });
});

module.exports = app;`,
  typescript: `export interface User {
  id: number;
  name?: string;
}

export function greet(user: User): string {
  const label: string = user.name ?? 'anonymous';
  return \`hello \${label}\`;
}`,
  java: `package com.example.util;

import java.util.ArrayList;
import java.util.List;

public class Stack<T> {
    private final List<T> items = new ArrayList<>();

    public void push(T item) {
        items.add(item);
    }

    @Override
    public String toString() {
        return items.toString();
    }
}`,
  go: `package main

import (
	"fmt"
	"os"
)

func main() {
	data, err := os.ReadFile("config.yaml")
	if err != nil {
		fmt.Println("read failed:", err)
		return
	}
	fmt.Println(len(data))
}`,
  c: `#include <stdio.h>
#include <stdlib.h>

int main(void) {
    char *buf = malloc(64);
    if (buf == NULL) {
        return 1;
    }
    printf("%d\\n", (int)sizeof(buf));
    free(buf);
    return 0;
}`,
  cpp: `#include <iostream>
#include <vector>

template <typename T>
T sum(const std::vector<T>& xs) {
    T total{};
    for (const auto& x : xs) total += x;
    return total;
}

int main() {
    std::cout << sum(std::vector<int>{1, 2, 3}) << std::endl;
}`,
  csharp: `using System;
using System.Collections.Generic;

namespace Shop
{
    public class Order
    {
        public int Id { get; set; }
        public string Customer { get; set; }

        public static void Main(string[] args)
        {
            Console.WriteLine("orders");
        }
    }
}`,
  ruby: `require 'json'

class Inventory
  attr_reader :items

  def initialize
    @items = []
  end

  def add(name, qty)
    @items << { name: name, qty: qty }
    puts "added #{name}"
  end
end`,
  php: `<?php

namespace App\\Http;

class Controller
{
    public function show($id)
    {
        $user = $this->repo->find($id);
        echo json_encode($user);
    }
}`,
  rust: `use std::collections::HashMap;

#[derive(Debug)]
pub struct Counter {
    counts: HashMap<String, usize>,
}

impl Counter {
    pub fn add(&mut self, word: &str) {
        *self.counts.entry(word.to_string()).or_insert(0) += 1;
    }
}`,
  shell: `#!/usr/bin/env bash
set -euo pipefail

for f in "$@"; do
  if [[ -f "$f" ]]; then
    echo "checking $f"
    grep -c TODO "$f" | sort
  fi
done`,
  sql: `SELECT c.name, COUNT(o.id) AS orders
FROM customers c
JOIN orders o ON o.customer_id = c.id
WHERE o.created_at > '2024-01-01'
GROUP BY c.name
ORDER BY orders DESC;`,
  kotlin: `package demo

data class Point(val x: Int, val y: Int)

fun main() {
    val points = listOf(Point(1, 2), Point(3, 4))
    for (p in points) {
        println(p.x + p.y)
    }
}`,
  swift: `import Foundation

struct Account {
    var balance: Double

    mutating func deposit(_ amount: Double) -> Double {
        guard amount > 0 else { return balance }
        balance += amount
        return balance
    }
}`,
};

export const PROSE: string[] = [
  'To read a file in Python you usually call the built-in open function and iterate over the lines. Use the `map` function in Python when you want to apply a function to every element of a list.',
  `Ownership is Rust's most unique feature and has deep implications for the rest of the language.
It enables Rust to make memory safety guarantees without needing a garbage collector, so it's
important to understand how ownership works. In this chapter, we'll talk about ownership as well
as several related features: borrowing, slices, and how Rust lays data out in memory.`,
  `Release notes:
- The parser now accepts trailing commas in arrays and objects.
- Fixed a crash when the config file was empty.
- The \`--verbose\` flag prints every request that is sent to the server.
- Thanks to everyone who reported issues and tested the beta builds.`,
];
