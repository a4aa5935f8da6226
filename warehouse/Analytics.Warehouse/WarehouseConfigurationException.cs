namespace Analytics.Warehouse;

/// <summary>The warehouse cannot be used as configured (missing or wrong pseudonym key, newer schema); the message is Chinese.</summary>
public sealed class WarehouseConfigurationException(string message) : Exception(message);
