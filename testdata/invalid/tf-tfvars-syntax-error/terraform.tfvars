sku = "Premium
