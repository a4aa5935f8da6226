using System.Collections;
using System.Data.Common;

namespace Analytics.DuckDb;

/// <summary>The parameters of a <see cref="DuckDbCommand"/>.</summary>
public sealed class DuckDbParameterCollection : DbParameterCollection
{
    private readonly List<DuckDbParameter> _items = [];

    public override int Count => _items.Count;
    public override object SyncRoot => ((ICollection)_items).SyncRoot;

    public new DuckDbParameter this[int index]
    {
        get => _items[index];
        set => _items[index] = value;
    }

    public DuckDbParameter Add(DuckDbParameter parameter)
    {
        _items.Add(parameter);
        return parameter;
    }

    /// <summary>Adds a named parameter (<c>$name</c>).</summary>
    public DuckDbParameter AddWithValue(string name, object? value) => Add(new DuckDbParameter(name, value));

    /// <summary>Adds the next positional parameter (<c>$1</c>, <c>$2</c>, ...).</summary>
    public DuckDbParameter AddValue(object? value) => Add(new DuckDbParameter(value));

    public override int Add(object value)
    {
        _items.Add(Cast(value));
        return _items.Count - 1;
    }

    public override void AddRange(Array values)
    {
        foreach (var value in values)
        {
            Add(value!);
        }
    }

    public override void Clear() => _items.Clear();
    public override bool Contains(object value) => value is DuckDbParameter p && _items.Contains(p);
    public override bool Contains(string value) => IndexOf(value) >= 0;
    public override void CopyTo(Array array, int index) => ((ICollection)_items).CopyTo(array, index);
    public override IEnumerator GetEnumerator() => _items.GetEnumerator();
    public override int IndexOf(object value) => value is DuckDbParameter p ? _items.IndexOf(p) : -1;

    public override int IndexOf(string parameterName)
    {
        var bare = parameterName.TrimStart('$', '@', ':');
        return _items.FindIndex(p => string.Equals(p.BareName, bare, StringComparison.Ordinal));
    }

    public override void Insert(int index, object value) => _items.Insert(index, Cast(value));
    public override void Remove(object value) => _items.Remove(Cast(value));
    public override void RemoveAt(int index) => _items.RemoveAt(index);
    public override void RemoveAt(string parameterName) => _items.RemoveAt(IndexOf(parameterName));

    protected override DbParameter GetParameter(int index) => _items[index];

    protected override DbParameter GetParameter(string parameterName) =>
        FindByName(parameterName) ?? throw new IndexOutOfRangeException($"No parameter named {parameterName}.");

    protected override void SetParameter(int index, DbParameter value) => _items[index] = Cast(value);

    protected override void SetParameter(string parameterName, DbParameter value)
    {
        var index = IndexOf(parameterName);
        if (index < 0)
        {
            throw new IndexOutOfRangeException($"No parameter named {parameterName}.");
        }

        _items[index] = Cast(value);
    }

    internal DuckDbParameter? FindByName(string bareName)
    {
        foreach (var item in _items)
        {
            if (item.BareName.Length > 0 && string.Equals(item.BareName, bareName, StringComparison.Ordinal))
            {
                return item;
            }
        }

        return null;
    }

    private static DuckDbParameter Cast(object value) => value as DuckDbParameter
        ?? throw new InvalidCastException($"Only DuckDbParameter objects can be added, not {value?.GetType().Name ?? "null"}.");
}
