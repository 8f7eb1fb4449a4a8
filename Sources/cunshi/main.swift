print("cunshi")
